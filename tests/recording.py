"""A reporter that keeps what a pipeline step logs: how tests read the console lines of
``mednn.pipeline.prepare`` / ``train`` without a terminal."""


class RecordingReporter:
    """A reporter (``mednn.pipeline``'s ``reporter``) that keeps every logged line in ``lines``
    and shows no progress."""

    def __init__(self):
        self.lines: list[str] = []

    def log(self, text):
        self.lines.append(text)

    def progress(self, total):
        return None
