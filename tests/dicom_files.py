"""Generated DICOM files with fake identities for the de-identification tests (no download)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
US_STORAGE = "1.2.840.10008.5.1.4.1.1.6.1"
NAME, PATIENT_ID, BIRTH = "DOE^JOHN", "MRN12345678", "19510829"


def write_dicom(path: Path, pixels: np.ndarray | None = None, *, study: str = "1.2.826.0.1.3680043.2.1125.1",
                series: str = "1.2.826.0.1.3680043.2.1125.1.1", instance: str = "1.2.826.0.1.3680043.2.1125.1.1.1",
                sop_class: str = CT_STORAGE, name: str = NAME, patient_id: str = PATIENT_ID,
                extra: dict | None = None, syntax: str | None = None, frames: bool = False) -> Path:
    """One small DICOM file whose header carries a fake identity: name, id, birth date,
    institution, physicians, accession number, dates, a private block and a nested sequence.
    ``frames``: ``pixels`` is (frames, rows, columns) of grey, a multi-frame image (a cine)."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    pixels = np.zeros((32, 32), np.uint8) if pixels is None else pixels
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID = sop_class, instance
    meta.TransferSyntaxUID = syntax or ExplicitVRLittleEndian
    meta.SourceApplicationEntityTitle = "CTSCANNER7"
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, instance
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
    ds.FrameOfReferenceUID = study + ".9"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = name, patient_id, BIRTH, "M"
    ds.StudyDate, ds.SeriesDate, ds.StudyTime = "20170302", "20170302", "052457"
    ds.AccessionNumber, ds.StudyID = "ACC998877", "STUDY4242"
    ds.InstitutionName, ds.InstitutionAddress = "GENERAL HOSPITAL SPRINGFIELD", "1 MAIN STREET SPRINGFIELD"
    ds.ReferringPhysicianName, ds.OperatorsName = "HOUSE^GREGORY", "NURSE^JACKIE"
    ds.StudyDescription, ds.Modality, ds.Manufacturer = "CT HEAD FOR JOHN DOE", "CT", "ACME"
    ds.BodyPartExamined = "HEAD"
    item = Dataset()
    item.ReferencedSOPClassUID, item.ReferencedSOPInstanceUID = sop_class, instance + ".77"
    ds.ReferencedImageSequence = [item]
    nested = Dataset()  # a sequence the table does not list, holding attributes it does
    nested.PerformingPhysicianName = "GREY^MEREDITH"
    nested.ContentDate = "20170301"
    ds.add_new(0x00400260, "SQ", [nested])  # Performed Protocol Code Sequence (unlisted)
    block = ds.private_block(0x0009, "ACME PRIVATE", create=True)
    block.add_new(0x01, "LO", "DOE JOHN PRIVATE NOTE")
    block.add_new(0x02, "DS", "1.5")
    colour = pixels.ndim == 3 and not frames
    ds.Rows, ds.Columns = pixels.shape[1:3] if frames else pixels.shape[:2]
    if frames:
        ds.NumberOfFrames = pixels.shape[0]
    ds.SamplesPerPixel = 3 if colour else 1
    ds.PhotometricInterpretation = "RGB" if colour else "MONOCHROME2"
    if colour:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated = ds.BitsStored = pixels.dtype.itemsize * 8
    ds.HighBit = ds.BitsStored - 1
    ds.PixelRepresentation = 0
    ds.PixelData = np.ascontiguousarray(pixels).tobytes()
    if syntax is not None and meta.TransferSyntaxUID.is_compressed:  # a compressed syntax around bad bytes
        from pydicom.encaps import encapsulate

        ds.PixelData = encapsulate([b"\xff\xd8 not a JPEG stream \xff\xd9"])
    for key, value in (extra or {}).items():
        setattr(ds, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


def text_image(text: str = "DOE^JOHN MRN12345678", shape=(128, 256), at=(10, 12), seed: int = 0):
    """A textured gray image (a smooth blob and low noise) with ``text`` burned in at ``at``;
    returns ``(image, text_box)`` where the box (top, left, bottom, right) bounds the glyphs."""
    from PIL import Image, ImageDraw, ImageFont

    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[: shape[0], : shape[1]]
    blob = 90 * np.exp(-(((yy - shape[0] * 0.6) / 30) ** 2 + ((xx - shape[1] * 0.5) / 50) ** 2))
    image = np.clip(20 + blob + rng.normal(0, 3, shape), 0, 255).astype(np.uint8)
    canvas = Image.fromarray(image)
    draw = ImageDraw.Draw(canvas)
    draw.text((at[1], at[0]), text, fill=250, font=ImageFont.load_default(size=14))
    drawn = np.asarray(canvas)
    glyphs = np.argwhere(drawn.astype(int) - image.astype(int) > 60)
    box = (int(glyphs[:, 0].min()), int(glyphs[:, 1].min()), int(glyphs[:, 0].max()) + 1, int(glyphs[:, 1].max()) + 1)
    return drawn.copy(), box


def draw_text(image: np.ndarray, text: str, at=(10, 12), size: int = 14, fill: int = 250) -> np.ndarray:
    """``image`` (uint8, H x W) with ``text`` drawn at ``at`` (top, left), as a scanner burns it in."""
    from PIL import Image, ImageDraw, ImageFont

    canvas = Image.fromarray(image)
    ImageDraw.Draw(canvas).text((at[1], at[0]), text, fill=fill, font=ImageFont.load_default(size=size))
    return np.asarray(canvas).copy()


def glyph_box(before: np.ndarray, after: np.ndarray, threshold: int = 60) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the pixels ``after`` made brighter than ``before`` by ``threshold``."""
    glyphs = np.argwhere(after.astype(int) - before.astype(int) > threshold)
    return (int(glyphs[:, 0].min()), int(glyphs[:, 1].min()), int(glyphs[:, 0].max()) + 1, int(glyphs[:, 1].max()) + 1)


def speckle(shape, rng: np.random.Generator, level: float = 200.0) -> np.ndarray:
    """Bright ultrasound-like speckle: Rayleigh-distributed grains, partly saturated (uint8). One
    frame of it is hard for the text detector: text over it is missed in some frames, and a few
    grains are taken for text; across a cine's frames neither happens (tests/unit/privacy/test_dicom_text.py)."""
    from scipy import ndimage

    grains = np.hypot(rng.normal(size=shape), rng.normal(size=shape))
    streaks = ndimage.gaussian_filter(grains, sigma=1.0)
    return np.clip(streaks / streaks.mean() * level, 0, 255).astype(np.uint8)
