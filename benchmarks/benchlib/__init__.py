"""The build benchmark as code: what is timed, how a build runs, the projects, the report.

:mod:`.timed` lists every internal function the benchmark times (a unit test
resolves each, so a rename fails CI instead of the benchmark), :mod:`.runner`
is the child process that runs one build, :mod:`.projects` makes the blogs
and their converted twins, :mod:`.report` writes ``RESULTS.md``.
"""
