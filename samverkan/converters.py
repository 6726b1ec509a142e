"""Path converters that match only the characters a value can hold."""


class TokenConverter:
    """Verification codes and calendar feed tokens: letters, digits, ``-`` and ``_``.

    Anything else (a NUL, a slash, a space) does not match, so such an address is a 404
    before any view or query sees it.
    """

    regex = r"[A-Za-z0-9_-]{1,128}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
