"""The importer: Ofsted's releases, the report scrape and the DfE interventions table into data/.

Data flow: sheets/readers (official, scrape, interventions) make observations; combine makes one
event of the observations of each inspection, visit or intervention; merge folds them into the
files an editor may have changed; run validates everything and only then writes.
"""
