"""Plain-Python solvers of Connecter (no Django): the matching of candidates and offers."""
