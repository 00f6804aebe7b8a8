"""The baseline of the page figures: a bare Flask page that renders a 20-item Jinja list."""

from flask import Flask, render_template_string

app = Flask(__name__)

PAGE = """<!doctype html><html lang="nl"><title>Ideeën</title>
<ul>{% for item in items %}
<li><a href="/ideeen/{{ item.id }}">{{ item.title }}</a> ({{ item.votes }})</li>
{% endfor %}</ul>
"""
ITEMS = [{"id": n, "title": f"Idee {n} voor de buurt", "votes": n * 3} for n in range(1, 21)]


@app.get("/")
def listing() -> str:
    return render_template_string(PAGE, items=ITEMS)
