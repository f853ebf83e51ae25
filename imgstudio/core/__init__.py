"""Qt-free core: everything that computes lives here (see ARCHITECTURE.md)."""
