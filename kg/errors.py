"""User-facing errors. The CLI prints each as one line and exits non-zero."""


class EntenteError(Exception):
    """Base of every error Entente reports to a user."""

    exit_code = 1


class InputError(EntenteError):
    """A path or file that cannot be read as a document (missing, binary, not UTF-8...)."""

    exit_code = 2


class OntologyError(EntenteError):
    """The Turtle in ontology/ is malformed or inconsistent."""

    exit_code = 3


class StoreError(EntenteError):
    """The RDF store cannot be opened or written."""

    exit_code = 4


class QueryError(EntenteError):
    """A SPARQL query that cannot be parsed or evaluated."""

    exit_code = 5


class ActorNotFound(EntenteError):
    """A name that matches no actor's label or alias."""

    exit_code = 6


class OutputError(EntenteError):
    """A file that cannot be written (-o into a missing folder, a full disk, no permission)."""

    exit_code = 7
