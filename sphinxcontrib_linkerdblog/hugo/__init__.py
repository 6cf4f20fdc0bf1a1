"""The pure Hugo layer: what Hugo means by a post's bytes, with no Sphinx in sight.

Everything under this package imports only the standard library and the
pure dependencies (PyYAML, python-dateutil): no sphinx, docutils or ablog.  The
build, ``check`` and ``convert`` all stand on it, and it is unit-tested on its
own (a test imports it in a fresh interpreter and checks ``sys.modules``).
"""
