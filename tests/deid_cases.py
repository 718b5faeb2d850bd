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
