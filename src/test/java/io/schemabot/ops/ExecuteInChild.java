package io.schemabot.ops;

import io.schemabot.config.Config;
import io.schemabot.testing.EmbeddedPg;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;

/**
 * A bot process that executes one approved request and is killed while it runs (see CrashDuringExecutionTest):
 * {@code java ... ExecuteInChild <production url> <store url> <request id>}.
 */
public final class ExecuteInChild {
    private ExecuteInChild() {
    }

    public static void main(String[] args) {
        Config config = CrashDuringExecutionTest.config(args[0]);
        PGSimpleDataSource store = new PGSimpleDataSource();
        store.setURL(args[1]);
        Hotfixes hotfixes = Hotfixes.over(config, new Ops(EmbeddedPg.shared(), config.planning()), store,
                Clock.systemUTC(), null);
        System.out.println("executing " + args[2]);
        System.out.println(hotfixes.execute(args[2], "U0LEAD1", CrashDuringExecutionTest.OPS));
    }
}
