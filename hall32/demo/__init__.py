"""The demo hub: every app's generated data, loaded by `python manage.py seed_demo --seed 32`.

Only this app reaches into every app's models; no production module imports it. Facts of the
hub that production code needs (its opening school year) are settings, not demo constants.
"""
