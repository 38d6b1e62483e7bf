"""The importer: Ofsted's releases, the report scrape and the DfE interventions table into data/.

Data flow: sheets/readers (official, scrape, interventions) make observations; combine makes one
event of the observations of each inspection, visit or intervention; merge folds them into the
files an editor may have changed; run validates everything and only then writes.
"""


#: Ofsted's report site, and the path of an authority's page on it (its Ofsted URN follows): the
#: page lists every publication on the authority's children's services.
SITE = "https://reports.ofsted.gov.uk/"
PROVIDER_PATH = "provider/44/"


class ImportFailed(Exception):
    """The sources are missing or not as the importer expects; nothing was written.

    Defined here, where every reader of the package can raise it without importing ``run``, so
    that a source file the importer cannot use is reported in one line (exit status 2), never as
    a traceback from deep inside a reader."""
