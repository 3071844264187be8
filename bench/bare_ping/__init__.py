"""The baseline `make bench` compares Haven's pages with: the smallest Django
project that answers /ping/ (no apps, no middleware, no database), served by
the same gunicorn settings as Haven."""
