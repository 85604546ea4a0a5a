-- gcmkg on Virtuoso: run once, as dba, on a new database:  isql-vt 1111 dba PASSWORD setup.sql
-- (the tests run it on theirs, tests/conftest.py).

-- Writes without a password at /sparql and /sparql-graph-crud, as on an Oxigraph server: the
-- SPARQL server must then be private (loopback or a private network), with only gcmkg's API
-- processes public. See README for the alternative (digest auth at /sparql-auth).
GRANT SPARQL_UPDATE TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);

-- Virtuoso's own graphs (its RDF views, the service description) would otherwise be part of the
-- union default graph and of every GRAPH ?g: make each graph that exists now private.
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
CREATE PROCEDURE DB.DBA.GCMKG_HIDE_SYSTEM_GRAPHS ()
{
  FOR (SPARQL SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }) DO
    DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', "g");
};
DB.DBA.GCMKG_HIDE_SYSTEM_GRAPHS ();
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
