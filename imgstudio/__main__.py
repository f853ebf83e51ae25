"""``python -m imgstudio`` runs the command line (the GUI when no sub-command is given)."""

import sys

from imgstudio.cli import main

if __name__ == "__main__":
    sys.exit(main())
