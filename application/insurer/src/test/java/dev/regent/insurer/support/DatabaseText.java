package dev.regent.insurer.support;

import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks for strings in what a region's database lets anyone read: every row of every table, as text, its {@code bytea}
 * columns (serialized payloads) decoded too. After a {@code CHECKPOINT} and a {@code VACUUM}, what it cannot find is
 * not readable through the database any more (the files may still hold dead bytes until they are overwritten).
 */
public final class DatabaseText {

    private DatabaseText() {
    }

    /**
     * Checkpoints and vacuums the region's database (as the server's superuser, which a checkpoint needs): rows
     * replaced or deleted are gone from what it reads.
     */
    public static void settle(EmbeddedPostgresServer server) {
        PGSimpleDataSource superuser = new PGSimpleDataSource();
        superuser.setServerNames(new String[] {"localhost"});
        superuser.setPortNumbers(new int[] {server.port()});
        superuser.setDatabaseName(EmbeddedPostgresServer.DATABASE);
        superuser.setUser("postgres");
        JdbcTemplate database = new JdbcTemplate(superuser);
        database.execute("CHECKPOINT");
        database.execute("VACUUM");
    }

    /** Each marker found, as {@code table: marker}. */
    public static Set<String> find(JdbcTemplate database, Collection<String> markers) {
        Set<String> found = new LinkedHashSet<>();
        String[] needles = markers.toArray(String[]::new);
        for (Map<String, Object> table : database.queryForList("select table_schema, table_name "
                + "from information_schema.tables where table_type = 'BASE TABLE' "
                + "and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2")) {
            String schema = (String) table.get("table_schema");
            String name = (String) table.get("table_name");
            List<String> bytea = database.queryForList("select column_name from information_schema.columns "
                    + "where table_schema = ? and table_name = ? and data_type = 'bytea'", String.class, schema, name);
            // 'escape' keeps printable ASCII as it is: the markers are ASCII, whatever encoding the payload uses.
            String row = "concat_ws(' ', t::text" + bytea.stream().map(column -> ", encode(t." + quoted(column)
                    + ", 'escape')").collect(Collectors.joining()) + ")";
            String sql = "select distinct m from (select " + row + " as r from " + quoted(schema) + "."
                    + quoted(name) + " t) rows, unnest(?) m where strpos(rows.r, m) > 0";
            found.addAll(database.query(con -> {
                var statement = con.prepareStatement(sql);
                statement.setArray(1, con.createArrayOf("text", needles));
                return statement;
            }, (rs, n) -> schema + "." + name + ": " + rs.getString(1)));
        }
        return found;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
