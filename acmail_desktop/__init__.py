"""AcMail: a desktop mail client for the staff of the French académies."""

__version__ = "0.1.0"
APP_NAME = "AcMail"
APP_ID = "acmail"
