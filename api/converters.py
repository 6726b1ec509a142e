"""Object ids in API paths: any integer, so that a negative or huge one is the API's JSON 404
(as its description says), not the portal's HTML page."""


class ApiIdConverter:
    regex = "-?[0-9]{1,40}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
