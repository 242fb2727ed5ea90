#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from hub.settings.env import ConfigurationError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings module so bad configuration shows here
    except ConfigurationError as exc:
        sys.exit(f"Configuration error: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
