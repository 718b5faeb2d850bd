"""The report's sections: one module per section, each a function of the loaded run
(:class:`~mednn.reports.view.ReportRun`) returning the data its template block shows, or None
when the run has nothing for it. ``mednn.reports.html`` assembles them in page order.

A new section is a module here with a ``section(run)`` function, its entry in
``html.report_context`` and its block in ``templates/report.html``.
"""
