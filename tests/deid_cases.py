"""The check the de-identification tests share: is a planted value found, with its type, in a
note template written in one casing (the corpus rule: a span of the type overlapping the value)."""


def found_in_casing(deid, template: str, value: str, kind: str, transform) -> tuple[bool, tuple]:
    """(found, what to show when not): ``template.format(value)`` cased by ``transform``."""
    text = transform(template.format(value))
    start = transform(template.format("\x00")).index("\x00")
    end = start + len(value)
    spans = deid.find(text)
    return any(s.start < end and s.end > start and s.type == kind for s in spans), \
        (text, [(text[s.start:s.end], s.type) for s in spans])


# the casings a case runs in ("upper": an ICU note in capitals, "lower": typed on a phone)
CASINGS = {"upper": str.upper, "lower": str.lower, "mixed": lambda s: s}
ALL = tuple(CASINGS)
UPPER_MIXED = ("upper", "mixed")


def assert_found(deid, template: str, value: str, kind: str, casings=ALL) -> None:
    """``template.format(value)`` yields a ``kind`` span over ``value`` in each of ``casings``."""
    for casing in casings:
        hit, detail = found_in_casing(deid, template, value, kind, CASINGS[casing])
        assert hit, (casing, detail)


def assert_kept(deid, template: str, kept: str, casings=ALL, wrong=None) -> None:
    """No span (of the types ``wrong``; of any type when None) covers ``kept`` in ``template``, in
    each of ``casings``."""
    for casing in casings:
        text = CASINGS[casing](template)
        start = text.lower().index(kept.lower())
        end = start + len(kept)
        spans = deid.find(text)
        assert not any(s.start < end and s.end > start and (wrong is None or s.type in wrong) for s in spans), \
            (casing, [(text[s.start:s.end], s.type) for s in spans])
