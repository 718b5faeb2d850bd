"""``python -m mednn`` is the ``mednn`` command."""

import sys

from mednn.cli.main import main

sys.exit(main())
