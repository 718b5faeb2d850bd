"""Burned-in text in DICOM pixels (mednn.privacy.dicom: text_boxes, cine, ocr) on generated
images: boxes are tight, separate lines and words stay apart, speckle is left alone, text that
stays still across a cine's frames is found over moving anatomy, text that changes is found too,
and the OCR read-back finds a removed name that was left in the pixels."""

import numpy as np
import pytest

pytest.importorskip("scipy")
pytest.importorskip("PIL")

from mednn.privacy.dicom.cine import text_mask  # noqa: E402
from mednn.privacy.dicom.text_boxes import PAD, boxes_mask, find_text_boxes  # noqa: E402
from tests.dicom_files import draw_text, glyph_box, speckle  # noqa: E402


def _shaded(shape=(96, 320), seed=0):
    """Smooth anatomy-like shading (a bright blob) with low noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[: shape[0], : shape[1]]
    blob = 70 * np.exp(-(((yy - shape[0] * 0.5) / 30) ** 2 + ((xx - shape[1] * 0.4) / 60) ** 2))
    return np.clip(20 + blob + rng.normal(0, 3, shape), 0, 255).astype(np.uint8)


def test_word_boxes_are_tight_and_the_gap_between_words_stays():
    base = _shaded()
    image = draw_text(base, "DOE^JOHN", at=(20, 10), size=16)
    first = glyph_box(base, image)
    image2 = draw_text(image, "MRN12345678", at=(20, 170), size=16)
    second = glyph_box(image, image2)
    boxes = find_text_boxes(image2)
    mask = boxes_mask(base.shape, boxes)
    glyphs = image2.astype(int) - base > 60
    assert mask[glyphs].all()  # every glyph pixel is blanked
    for top, left, bottom, right in boxes:  # no box reaches farther than PAD beyond the glyphs
        assert any(top >= t - PAD - 1 and left >= l - PAD - 1 and bottom <= b + PAD + 1 and right <= r + PAD + 1
                   for t, l, b, r in (first, second))
    gap = mask[first[0]:first[2], first[3] + PAD + 1:second[1] - PAD - 1]
    assert gap.size and not gap.any()  # the space between the two words is not blanked
    # nothing beyond the glyph boxes + PAD: here 100% of the other pixels stay
    near = np.zeros(base.shape, bool)
    for t, l, b, r in (first, second):
        near[max(0, t - PAD):b + PAD, max(0, l - PAD):r + PAD] = True
    assert not mask[~near].any()


def test_two_lines_close_together_are_not_merged():
    base = _shaded(seed=1)
    one = draw_text(base, "SMITH, MARY", at=(20, 20), size=14)
    two = draw_text(one, "DOB 08/29/1951", at=(20 + 14 + 6, 20), size=14)
    upper, lower = glyph_box(base, one), glyph_box(one, two)
    assert lower[0] - upper[2] >= 2 * PAD + 1  # the test draws lines apart by more than two pads
    mask = boxes_mask(base.shape, find_text_boxes(two))
    assert mask[two.astype(int) - base > 60].all()
    between = mask[upper[2] + PAD:lower[0] - PAD, upper[1]:max(upper[3], lower[3])]
    assert between.size and not between.any()  # the rows between the lines stay


def test_text_over_shaded_anatomy_is_found():
    base = _shaded(seed=2)
    image = draw_text(base, "GARCIA LOPEZ", at=(38, 90), size=12)  # across the bright blob
    mask = boxes_mask(base.shape, find_text_boxes(image))
    assert mask[image.astype(int) - base > 60].mean() >= 0.99


def _cine(frames=12, shape=(120, 320), seed=0):
    """Moving speckle in a sector (rows 40..) under a still black band (rows <40)."""
    rng = np.random.default_rng(seed)
    stack = np.zeros((frames,) + shape, np.uint8)
    for i in range(frames):
        stack[i, 40:] = speckle((shape[0] - 40, shape[1]), rng)
    return stack


def test_speckle_of_a_cine_is_never_blanked_and_still_text_over_it_is_found():
    cine = _cine()
    before = cine[0].copy()
    for i in range(len(cine)):  # the same label drawn into every frame, over the moving speckle
        cine[i] = draw_text(cine[i], "ACC 7781234", at=(70, 60), size=16, fill=255)
    glyphs = np.zeros(before.shape, bool)
    for i in range(len(cine)):
        frame_before = _cine()[i]
        glyphs |= cine[i].astype(int) - frame_before > 60
    mask, count = text_mask(cine)
    assert count >= 1
    assert mask[glyphs & (cine.min(axis=0) >= 250)].all()  # the label's still pixels are all blanked
    t, l, b, r = np.argwhere(glyphs).min(0).tolist() + (np.argwhere(glyphs).max(0) + 1).tolist()
    near = np.zeros(mask.shape, bool)
    near[max(0, t - PAD - 2):b + PAD + 2, max(0, l - PAD - 2):r + PAD + 2] = True
    assert mask[~near].mean() <= 0.001  # >= 99.9% of the speckle stays


def test_speckle_alone_is_not_taken_for_text():
    mask, count = text_mask(_cine(seed=3))
    assert count == 0 and not mask.any()


def test_text_that_changes_between_frames_is_found():
    cine = _cine(frames=8, seed=4)
    clean = cine.copy()
    for i in range(len(cine)):  # a clock in the still band: the seconds change every frame
        cine[i] = draw_text(cine[i], f"10:42:{10 + 7 * i:02d} AM", at=(8, 150), size=14)
    mask, _ = text_mask(cine)
    glyphs = (cine.astype(int) - clean > 60).any(axis=0)
    assert mask[glyphs].all()


def test_a_cine_file_is_cleaned_through_its_static_map_and_its_speckle_kept(tmp_path):
    import pydicom

    from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom
    from tests.dicom_files import US_STORAGE, write_dicom

    clean = _cine(frames=10, seed=6)
    cine = np.stack([draw_text(f, "DOE^JOHN 08/29/1951", at=(10, 20), size=14) for f in clean])
    cine = np.stack([draw_text(f, "MRN12345678", at=(80, 100), size=16, fill=255) for f in cine])
    write_dicom(tmp_path / "in" / "cine.dcm", cine, frames=True, sop_class=US_STORAGE,
                extra={"Modality": "US", "BurnedInAnnotation": "YES"})
    report = deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret="a-test-key-of-16+", ocr="off"))
    out = pydicom.dcmread(next((tmp_path / "clean").rglob("*.dcm"))).pixel_array
    assert out.shape == cine.shape and report["files"][0]["verification"]["passed"]
    text = (cine.astype(int) - clean > 60).any(axis=0)
    assert (out[:, text] == 0).all()  # every glyph pixel blanked in every frame
    near = np.zeros(text.shape, bool)
    for top, bottom in ((0, 40), (40, 120)):  # each label's rows, + 4 px
        rows = np.nonzero(text[top:bottom].any(axis=1))[0] + top
        cols = np.nonzero(text[top:bottom].any(axis=0))[0]
        near[rows.min() - 4:rows.max() + 5, cols.min() - 4:cols.max() + 5] = True
    assert (out[:, ~near] == cine[:, ~near]).mean() >= 0.999  # the speckle stays


def test_few_frames_are_searched_one_by_one():
    base = np.zeros((64, 200), np.uint8)
    frames = np.stack([base, draw_text(base, "DOE^JOHN 1951", at=(20, 10))])  # text in the 2nd frame only
    mask, count = text_mask(frames)
    assert count >= 1 and mask[frames[1] > 60].all()


# --- the OCR read-back (mednn.privacy.dicom.ocr) ---------------------------------------------

def test_removed_values_are_looked_for_as_they_are_drawn():
    from mednn.privacy.dicom.ocr import count_found

    removed = {"PN:DOE^JOHN", "MRN12345678", "19510829", "GENERAL HOSPITAL SPRINGFIELD", "1.2.826.0.1.3680043.2.1125.1"}
    assert count_found(["ZZZ DOE, JOHN", "MRN: 12345678"], removed) == 3  # two name parts, the id
    assert count_found(["DOB 29-AUG-1951"], removed) == 1
    assert count_found(["DOB O8/29/I951"], removed) == 1  # letters OCR confuses for digits
    assert count_found(["8/29/51"], removed) == 1
    assert count_found(["General Hospital Springfield"], removed) == 1
    assert count_found(["TIS 0.6 MI 1.4", "SOLO 75 bpm", "3850Hz"], removed) == 0  # scanner settings are no leak
    assert count_found(["1.2.826.0.1.3680043.2.1125.1"], removed) == 0  # UIDs are never drawn: not looked for


def _burned(tmp_path, text, name="a.dcm"):
    from tests.dicom_files import write_dicom

    image = draw_text(_shaded((96, 400), seed=5), text, at=(30, 10), size=24)
    return write_dicom(tmp_path / "in" / name, image)


def test_the_ocr_read_back_finds_a_removed_name_left_in_the_pixels(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    import pydicom

    from mednn.privacy.dicom.verify import Verification, verify_pixels

    path = _burned(tmp_path, "DOE JOHN 08/29/1951")
    result = Verification()
    verify_pixels(pydicom.dcmread(path), result, removed={"PN:DOE^JOHN", "19510829"}, ocr="require")
    assert result.ocr.startswith("rapidocr-onnxruntime") and result.ocr_frames == 1
    assert result.ocr_removed_found == 3  # DOE, JOHN and the birth date, read in the pixels
    assert any("OCR reads 3 removed value(s)" in p for p in result.problems)
    assert "JOHN" not in " ".join(result.problems)  # counts, never what was read


def test_a_cleaned_file_reads_back_without_removed_values(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom

    _burned(tmp_path, "DOE JOHN MRN12345678")
    report = deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret="a-test-key-of-16+", ocr="require"))
    check = report["files"][0]["verification"]
    assert report["ocr"].startswith("rapidocr-onnxruntime") and check["ocr_frames_read"] == 1
    assert check["ocr_removed_values_found"] == 0 and check["passed"]


def test_without_the_ocr_engine_auto_says_so_and_require_refuses(tmp_path, monkeypatch):
    from mednn.errors import ConfigError
    from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom, ocr

    monkeypatch.setattr(ocr, "_engine", lambda: None)
    _burned(tmp_path, "DOE JOHN MRN12345678")
    with pytest.raises(ConfigError, match="not installed"):
        deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret="a-test-key-of-16+", ocr="require"))
    report = deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret="a-test-key-of-16+"))
    assert report["ocr"] == "not installed" and report["files"][0]["verification"]["ocr"] == "not installed"


def test_the_ocr_engine_loads_and_reads_with_the_network_cut(tmp_path, monkeypatch):
    """The models come from inside the installed wheel: with every socket connection refused
    the engine still starts (fresh, not cached) and reads the drawn text."""
    pytest.importorskip("rapidocr_onnxruntime")
    import socket

    from mednn.privacy.dicom import ocr

    def refuse(*args, **kwargs):
        raise OSError("network cut by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ocr._engine.cache_clear()
    try:
        image = draw_text(_shaded((96, 400), seed=5), "DOE JOHN 08/29/1951", at=(30, 10), size=24)
        assert ocr.count_found(ocr.read_lines(image), {"PN:DOE^JOHN", "19510829"}) == 3
    finally:
        ocr._engine.cache_clear()


def test_text_the_detector_misses_is_read_by_ocr_and_the_file_is_not_written(tmp_path, monkeypatch):
    """The OCR read-back is a check of its own: with the text detector made blind, the name and
    birth date stay in the pixels, the verification reads them and nothing is written."""
    pytest.importorskip("rapidocr_onnxruntime")
    from mednn.errors import DataError
    from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom, pixels, verify

    def blind(frames, ignore=None):
        return np.zeros(frames.shape[1:3], bool), 0

    monkeypatch.setattr(pixels, "text_mask", blind)
    monkeypatch.setattr(verify, "text_mask", blind)
    _burned(tmp_path, "DOE JOHN 08/29/1951")
    with pytest.raises(DataError) as caught:
        deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret="a-test-key-of-16+", ocr="require"))
    assert "file #1" in str(caught.value) and "JOHN" not in str(caught.value)
    assert not (tmp_path / "clean").exists() and not list(tmp_path.glob(".clean*"))


@pytest.mark.parametrize("name", ["MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm", "MR_small_implicit.dcm"])
def test_two_ridges_of_anatomy_in_a_text_free_mr_are_not_text(name):
    # pydicom's MR_small: no text, but two thin bright ridges side by side in its top-left
    # corner peak at different levels (about 100 and 200 grey levels above the tissue)
    pydicom = pytest.importorskip("pydicom")
    from pydicom.data import get_testdata_file

    from mednn.privacy.dicom.pixels import decode

    mask, lines = text_mask(decode(pydicom.dcmread(get_testdata_file(name))))
    assert lines == 0 and not mask.any()


@pytest.mark.parametrize("text", ["JS", "60", "Hz"])
def test_two_glyphs_drawn_in_one_colour_are_still_text(text):
    image = np.full((40, 80), 10, np.uint8)
    before = image.copy()
    image = draw_text(image, text, at=(10, 10), size=14, fill=220)
    top, left, bottom, right = glyph_box(before, image)
    mask = boxes_mask(image.shape, find_text_boxes(image))
    assert mask[top:bottom, left:right][image[top:bottom, left:right] > 70].all()



def test_text_drawn_over_other_text_is_blanked_around_each_text_not_as_one_rectangle():
    # two labels drawn over each other (the second lower and to the right, over the first's end):
    # the line search joins them, and one rectangle around both would blank the corner under the
    # first label's start, where there is no text
    base = _shaded(shape=(96, 320), seed=3)
    one = draw_text(base, "ST. MARY HOSPITAL", at=(20, 6), size=20)
    two = draw_text(one, "MRN 00482913", at=(34, 150), size=20)
    mask = boxes_mask(base.shape, find_text_boxes(two))
    assert mask[two.astype(int) - base > 60].all()
    near = np.zeros(base.shape, bool)  # each label's own glyphs (drawn alone) + PAD + 1
    for top, left, bottom, right in (glyph_box(base, one), glyph_box(base, draw_text(base, "MRN 00482913", at=(34, 150), size=20))):
        near[max(0, top - PAD - 1):bottom + PAD + 1, max(0, left - PAD - 1):right + PAD + 1] = True
    assert not mask[~near].any()


def test_a_label_over_moving_speckle_is_blanked_between_its_words_too():
    # a date's slashes and the edges of small glyphs blend with the moving speckle under them:
    # the label falls apart into words with glyph pixels in the gaps between them
    cine = _cine(seed=5)
    clean = cine.copy()
    for i in range(len(cine)):
        cine[i] = draw_text(cine[i], "DOB 08/29/1951", at=(70, 40), size=14, fill=255)
    mask, _ = text_mask(cine)
    glyphs = (cine.astype(int) - clean > 60).any(axis=0)
    assert mask[glyphs].mean() >= 0.99
    t, l, b, r = np.argwhere(glyphs).min(0).tolist() + (np.argwhere(glyphs).max(0) + 1).tolist()
    near = np.zeros(mask.shape, bool)
    near[max(0, t - PAD - 2):b + PAD + 2, max(0, l - PAD - 2):r + PAD + 2] = True
    assert mask[~near].mean() <= 0.001
