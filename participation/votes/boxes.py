"""The vote boxes of a page, written in Python rather than a macro per idea: a list of twenty ideas shares
its words, its forms' addresses, CSRF token and return address, escaped once (`VoteBoxes`), and writes per
idea only its id, title, total and the viewer's votes on it. The forms post without JavaScript; votes.js
sends them in place."""

from markupsafe import Markup, escape

from participation.i18n import belgian_number


class VoteBoxes:
    """The vote boxes of one page for one viewer (`mv`: `votes.queries.MyVotes`); `words` is
    `vote_words(mv.rule)`, `csrf` and `back` the page's CSRF token and address."""

    def __init__(self, mv, words, csrf: str, back: str) -> None:
        from participation.votes import vote_script

        self.mv, self.words, self._script = mv, words, vote_script
        rate = escape(words.rate_message)
        hidden = (f'      <input type="hidden" name="csrf_token" value="{escape(csrf)}">\n'
                  f'      <input type="hidden" name="next" value="{escape(back)}">\n')
        self._cast = (f'" class="inline-form" data-vote-form="cast" data-idea="{{id}}" data-rate-message="{rate}">\n'
                      f'{hidden}      <button type="submit" class="button button-small" aria-label="'
                      f'{escape(words.cast_label)}: ')
        self._cast_label = f"\n        {escape(words.cast_label)}\n      </button>\n    </form>\n"
        self._withdraw = (f'" class="inline-form" data-vote-form="withdraw" data-idea="{{id}}" '
                          f'data-rate-message="{rate}"')
        self._withdraw_rest = (f'>\n{hidden}      <button type="submit" class="button button-secondary button-small" '
                               f'aria-label="{escape(words.withdraw_label)}: ')
        self._withdraw_label = f"\">\n        {escape(words.withdraw_label)}\n      </button>\n    </form>\n  </div>\n"
        self._votes_label = escape(words.votes_label)
        self._yours_label = escape(words.yours_label)

    def forms(self, idea_id: int, title: str) -> Markup:
        """The cast and take-back forms of one idea (the page's script with the first)."""
        mv, words, title = self.mv, self.words, escape(title)
        blocked = ' data-vote-blocked="max"' if mv.on(idea_id) >= mv.rule.max_per_idea else ""
        disabled = "" if mv.can_cast(idea_id) else " disabled"
        hidden = "" if mv.can_withdraw(idea_id) else " hidden"
        return Markup("".join((
            '<div class="vote-forms">\n    <form method="post" action="', escape(words.cast_url(idea_id)),
            self._cast.replace("{id}", str(idea_id), 1), title, f'" data-vote-cast="{idea_id}"{blocked}{disabled}>',
            self._cast_label,
            '    <form method="post" action="', escape(words.withdraw_url(idea_id)),
            self._withdraw.replace("{id}", str(idea_id), 1), hidden, self._withdraw_rest, title,
            self._withdraw_label, "  ", self._script(),
        )))

    def compact(self, idea_id: int, title: str, total: int) -> Markup:
        """An idea's box in a process's list: its total, the viewer's votes and, while they may vote, the forms."""
        mv = self.mv
        if mv.state not in ("open", "closed"):
            return Markup("")
        may_vote = mv.may_vote and mv.is_open
        mine = (f'<span class="vote-mine">({self._yours_label}: <span data-vote-mine="{idea_id}">{mv.on(idea_id)}'
                f"</span>)</span>") if may_vote else ""
        parts = [f'\n  <div class="vote-compact">\n    <p class="vote-count">{self._votes_label}: <strong '
                 f'data-vote-total="{idea_id}">{belgian_number(total)}</strong>\n      {mine}\n    </p>\n']
        if may_vote:
            parts += ["    ", self.forms(idea_id, title),
                      f'\n    <p class="vote-message" role="status" data-vote-message="{idea_id}"></p>\n']
        parts.append("  </div>\n")
        return Markup("".join(parts))
