"""A reporter that interrupts training: how the tests kill a run at a chosen epoch."""


class Interrupted(Exception):
    pass


class InterruptingReporter:
    """A reporter (mednn.pipeline.train's ``reporter``) whose progress bar raises on its
    ``epoch_call``-th epoch, counting across ensemble members; checkpoints of the epochs
    before it are written."""

    def __init__(self, epoch_call: int):
        self.epoch_call, self.calls = epoch_call, 0

    def log(self, text):
        pass

    def progress(self, total):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, row):
        self.calls += 1
        if self.calls == self.epoch_call:
            raise Interrupted
