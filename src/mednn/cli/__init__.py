"""``mednn <command>``: a thin shell over the library (each command a few lines).

Commands live in ``cli/<group>.py`` and register on the Typer app of :mod:`.app`; :mod:`.main`
is the entry point, which imports them. Every :class:`~mednn.errors.MednnError` becomes one
line on stderr and exit code 2.
"""
