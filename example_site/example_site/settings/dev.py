from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "example-site-development-only"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
