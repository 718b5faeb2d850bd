"""``mednn <command>``: a thin shell over the library (each command a few lines).

Commands live in ``cli/<group>.py`` and register on the Typer app of :mod:`.main`. Every
:class:`~mednn.errors.MednnError` becomes one line on stderr and exit code 2.
"""
