"""Entry point of the bundled app: ``imgstudio`` with the same arguments as the command line.

``freeze_support`` first: where a frozen app starts worker processes by spawning itself
(Windows, macOS; a DataLoader with workers), the child must run the worker, not the app.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from imgstudio.cli import main

    sys.exit(main())
