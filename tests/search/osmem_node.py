"""Test-only transport node for osmem, the in-memory OpenSearch-compatible server used in CI.

The elasticsearch 8 client asks for `application/vnd.elasticsearch+json; compatible-with=8`, a media
type osmem refuses; plain JSON is the same payload.
"""

from elastic_transport import Urllib3HttpNode


class OsmemNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if "compatible-with" in str(headers.get(name, "")):
                    headers[name] = "application/json"
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
