"""A standing battery of hostile input: what an attacker or a careless user sends, each case
pinned so it stays fixed (issue "Safe at the edges")."""
