"""QA31 F9 (issue #17): a story's title never stops inside a phrase it opened — after "with a",
"before the", … the words that phrase runs on with ("… with a graph neural network" of "… with
a graph neural network ensemble and …"); a title ending where its phrase ends stays."""

from __future__ import annotations

from voice_coach.analysis.titles import TitleSource, story_title

ROUTES = ("The logistics team wanted to plan delivery routes with a graph neural network ensemble "
          "and three solvers and more than 100 constraints. It took nine hours to plan every "
          "night and it often missed the loading deadline. My task was to have the delivery "
          "routes ready before the drivers arrived. I built a simple route heuristic per depot. "
          "Planning time went from 9 hours to 20 minutes. I learned that the simplest plan is "
          "often the best one.")
# near case: the phrase opened by "with a" ends inside the title's reach
SHELF = ("The pricing team wanted to forecast shelf prices with a deep learning ensemble and four "
         "models and more than 200 features. It took eleven hours to train every night. My task "
         "was to have the shelf prices ready before the shop opened. Training time went from 11 "
         "hours to 40 minutes.")


def test_a_title_never_stops_inside_a_phrase_it_opened():
    title = story_title([TitleSource(ROUTES)])
    assert not title.endswith(("neural network", "graph neural")), title
    assert "delivery routes" in title, title


def test_a_title_ending_where_its_phrase_ends_stays():
    assert story_title([TitleSource(SHELF)]) == "Forecast shelf prices with a deep learning ensemble"
