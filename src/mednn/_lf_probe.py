from mednn.privacy.deid.recognizers.name_shapes import _last_first, _Names
def f(t, lex): return _last_first(t, _Names(lex))
