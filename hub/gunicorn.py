"""gunicorn's settings in production (`gunicorn -c python:hub.gunicorn`, see the Dockerfile).

The access log serves the operator, never to follow a visitor: no address, no query string (a search or a
form's answers), no referrer and no user agent, and the container's health checks are not logged as visits.
"""

from gunicorn.glogging import Logger

wsgi_app = "hub.wsgi:application"
bind = "0.0.0.0:8000"
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "hub.gunicorn.AccessLogger"


class AccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") == "/healthz":
            return
        super().access(resp, req, environ, request_time)
