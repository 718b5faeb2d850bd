"""Commands that sign and check runs: keygen, sign, verify (see :mod:`mednn.runs.signing`)."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app


@app.command()
def keygen(out: Path = typer.Option(..., "--out", help="Folder for mednn-signing.key (0600) and mednn-signing.pub.")) -> None:
    """Create an Ed25519 key pair for signing runs (passphrase: $MEDNN_KEY_PASSPHRASE, if set)."""
    from ..runs.signing import fingerprint, generate_key_pair, load_public_key

    private, public = generate_key_pair(out)
    typer.echo(f"private key: {private} (keep it secret)\npublic key: {public} "
               f"({fingerprint(load_public_key(public))})")


@app.command()
def sign(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    key: Path = typer.Option(..., "--key", help="The private key (PEM) from `mednn keygen`."),
) -> None:
    """Sign a run (all its files must match its manifest): writes RUN/signature.json."""
    from ..runs.signing import sign_run

    typer.echo(str(sign_run(run, key)))


@app.command()
def verify(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    public_key: Path = typer.Option(None, "--public-key", help="Also check signature.json against this public key (PEM; default: $MEDNN_PUBLIC_KEY)."),
) -> None:
    """Check every file of a run (report.html included) against its manifest, and its signature."""
    from ..runs import SIGNATURE, public_key_from_environment, verify_manifest
    from ..runs.signing import verify_signature

    if public_key is None:
        public_key = public_key_from_environment()  # set but empty: an error, never "not checked"
    manifest = verify_manifest(run, include_regenerable=True)
    files = f"{len(manifest['files'])} files match manifest.json"
    if public_key is not None:
        typer.echo(f"{run}: {files}; signature valid ({verify_signature(run, public_key, manifest=manifest)})")
    elif (run / SIGNATURE).is_file():
        typer.echo(f"{run}: {files}; signed, signature not checked (pass --public-key)")
    else:
        typer.echo(f"{run}: {files}; not signed")
