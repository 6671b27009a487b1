"""Click commands, one module per command (or command group).

Each module exposes a click object named ``command``. ``cli.py`` loads a module only
when its command is invoked, so heavy imports stay out of other commands' start-up.
"""
