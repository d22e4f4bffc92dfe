"""AI Engineering Atlas: the code behind the site, installed into the project's venv.

Reader-facing code, which pages include and learners run, is one package per section:
``atlas.llm`` (the chat-model interface), ``atlas.map``, ``atlas.scenarios`` and
``atlas.roadmap`` (the projects and the learner's commands). ``atlas.site`` is the site's
machinery, kept apart.
"""
