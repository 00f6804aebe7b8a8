"""A bare Flask page, served the same way as the app: the baseline for the vote figures."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "<!doctype html><title>ok</title><p>ok</p>"
