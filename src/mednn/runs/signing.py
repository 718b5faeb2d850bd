"""Signed runs: an Ed25519 signature over a run's manifest, so a hospital can check that a run
came from its own training.

The manifest lists the sha256 of every file of the run, so signing its canonical bytes (keys
sorted, no whitespace, ASCII) signs the whole run. The signature lives beside it in
``signature.json`` (never listed in the manifest, which it signs)::

    {"algorithm": "ed25519", "signed": "manifest.json", "public_key_fingerprint": "sha256:...",
     "manifest_sha256": "...", "signature": "<base64>", "mednn_version": "..."}

``mednn keygen --out DIR`` writes a key pair (the private key readable by its owner only),
``mednn sign RUN --key KEY`` signs, ``mednn verify RUN --public-key PUB`` checks the files and
the signature, and ``load_run(..., public_key=PUB)`` refuses a run whose signature is missing
or wrong. A passphrase for the private key is read from ``MEDNN_KEY_PASSPHRASE`` when set.
Needs the ``cryptography`` package (``pip install 'mednn[sign]'``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ModelError, problem

ALGORITHM = "ed25519"
# signed bytes = this prefix + the canonical manifest: a signature made for something else with
# the same key never verifies as a run's
_DOMAIN = b"mednn run manifest v1\n"
PRIVATE_KEY_NAME = "mednn-signing.key"
PUBLIC_KEY_NAME = "mednn-signing.pub"
PASSPHRASE_ENV = "MEDNN_KEY_PASSPHRASE"


def _crypto():
    from .._optional import require

    require("cryptography", extra="sign")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return serialization, ed25519


def canonical_manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The bytes a signature covers: the manifest as sorted, compact, ASCII JSON."""
    return _DOMAIN + json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                                allow_nan=False).encode("ascii")


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value.encode("utf-8") if value else None


def _write_new(path: Path, data: bytes, mode: int) -> None:
    # O_EXCL: never follow a planted link, never replace a file (a key is never overwritten)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, mode)


def generate_key_pair(out_dir: str | Path) -> tuple[Path, Path]:
    """Write a new Ed25519 key pair into ``out_dir``; return (private key, public key) paths.

    ``out_dir`` must be a new or empty folder, outside every run (the write policy of
    :func:`~mednn.runs.targets.check_output_folder`): keys are never overwritten. The pair is
    written into a locked partial folder renamed into place when both files are complete, so a
    failed write (read-only folder, full disk) or a kill leaves no half pair. The private key
    file has mode 0600 and is encrypted with ``$MEDNN_KEY_PASSPHRASE`` when that is set.

    >>> private, public = generate_key_pair("keys")  # doctest: +SKIP
    """
    from ..outputs import make_partial_folder, os_error, release, remove_partial, sweep_partials
    from .targets import check_output_folder

    serialization, ed25519 = _crypto()
    out = check_output_folder(Path(out_dir), kind="key folder")
    private_path, public_path = out / PRIVATE_KEY_NAME, out / PUBLIC_KEY_NAME
    key = ed25519.Ed25519PrivateKey.generate()
    passphrase = _passphrase()
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    sweep_partials(out)
    partial = None
    try:
        partial = make_partial_folder(out)
        for name, data, mode in ((PRIVATE_KEY_NAME, pem, 0o600), (PUBLIC_KEY_NAME, public_pem, 0o644)):
            _write_new(partial / name, data, mode)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o777 & ~umask)
        os.rename(partial, out)  # replaces an empty folder; fails if something appeared there meanwhile
    except BaseException as exc:
        if partial is not None:
            remove_partial(partial)
        if isinstance(exc, OSError):
            raise os_error(exc, out) from None
        raise
    release(partial)
    return private_path, public_path


def _read_key_file(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise ConfigError(problem(f"{what} file {path} does not exist", fix="pass the PEM file `mednn keygen` wrote"))
    if path.stat().st_size > 64 << 10:
        raise ConfigError(problem(f"{path} is too large for a {what} file", fix="pass the PEM file `mednn keygen` wrote"))
    return path.read_bytes()


def load_private_key(path: str | Path):
    """An Ed25519 private key from a PEM file readable by its owner only."""
    serialization, ed25519 = _crypto()
    path = Path(path)
    data = _read_key_file(path, "private key")
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise ConfigError(problem(f"Private key {path} can be read by other users",
                                  fix=f"chmod 600 {path}"))
    try:
        key = serialization.load_pem_private_key(data, password=_passphrase())
    except TypeError:
        raise ConfigError(problem(f"Private key {path} is encrypted", fix=f"set {PASSPHRASE_ENV} to its passphrase")) from None
    except ValueError:
        raise ConfigError(problem(f"{path} is not a readable PEM private key (or the passphrase is wrong)",
                                  fix="pass the private key `mednn keygen` wrote")) from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise ConfigError(problem(f"{path} is not an Ed25519 key", got=type(key).__name__,
                                  fix="create one with `mednn keygen`"))
    return key


def load_public_key(path: str | Path):
    """An Ed25519 public key from a PEM file."""
    serialization, ed25519 = _crypto()
    path = Path(path)
    data = _read_key_file(path, "public key")
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise ConfigError(problem(f"{path} is not a readable PEM public key",
                                  fix="pass the public key `mednn keygen` wrote")) from None
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise ConfigError(problem(f"{path} is not an Ed25519 public key", got=type(key).__name__,
                                  fix="pass the public key `mednn keygen` wrote"))
    return key


def fingerprint(public_key) -> str:
    """``sha256:<hex>`` of the raw 32-byte public key: names a key in messages and files."""
    serialization, _ = _crypto()
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def sign_run(run_dir: str | Path, key_path: str | Path) -> Path:
    """Sign a run whose files all match its manifest (``report.html`` included); write
    ``signature.json`` atomically and return its path.

    >>> sign_run("runs/demo", "keys/mednn-signing.key")  # doctest: +SKIP
    """
    from .. import __version__
    from .files import MANIFEST, SIGNATURE, dumps, sha256_file, write_text_atomic
    from .manifest import verify_manifest

    run = Path(run_dir)
    key = load_private_key(key_path)
    manifest = verify_manifest(run, include_regenerable=True)
    signature = key.sign(canonical_manifest_bytes(manifest))
    record = {
        "algorithm": ALGORITHM,
        "signed": MANIFEST,
        "public_key_fingerprint": fingerprint(key.public_key()),
        "manifest_sha256": sha256_file(run / MANIFEST),
        "signature": base64.b64encode(signature).decode("ascii"),
        "mednn_version": __version__,
    }
    return write_text_atomic(run / SIGNATURE, dumps(record) + "\n")


def verify_signature(run_dir: str | Path, public_key, *, manifest: dict[str, Any] | None = None) -> str:
    """Check ``signature.json`` of a run against ``public_key`` (a PEM path or a loaded key);
    return the key's fingerprint. ``manifest``: the one already checked against the files
    (default: read it again). Raises :class:`ModelError` when the signature is missing, made
    with another key, or does not match the manifest."""
    from .files import SIGNATURE
    from .manifest import read_manifest

    _, ed25519 = _crypto()
    run = Path(run_dir)
    key = public_key if isinstance(public_key, ed25519.Ed25519PublicKey) else load_public_key(public_key)
    expected = fingerprint(key)
    path = run / SIGNATURE
    if path.is_symlink() or not path.is_file():
        raise ModelError(problem(f"Run {run} is not signed (no {SIGNATURE})",
                                 fix="sign it with `mednn sign RUN --key KEY` on the machine that trained it"))
    try:
        record = json.loads(path.read_text(encoding="utf-8")) if path.stat().st_size < 64 << 10 else None
        if not isinstance(record, dict) or record.get("algorithm") != ALGORITHM:
            raise ValueError
        signature = base64.b64decode(record["signature"], validate=True)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ModelError(problem(f"{path} is not a mednn Ed25519 signature", fix="sign the run again")) from None
    if record.get("public_key_fingerprint") != expected:
        raise ModelError(problem(f"{path} was made with another key", got=record.get("public_key_fingerprint"),
                                 expected=expected, fix="pass the public key of the key that signed the run"))
    if manifest is None:
        manifest = read_manifest(run)
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(signature, canonical_manifest_bytes(manifest))
    except InvalidSignature:
        raise ModelError(problem(f"The signature in {path} does not match the run's manifest.json (the run "
                                 "changed after it was signed)",
                                 fix="restore the run, or check it and sign it again with `mednn sign`")) from None
    return expected
