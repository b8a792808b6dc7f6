package io.schemabot.cli;

import io.schemabot.chat.CommandRouter;
import io.schemabot.config.Config;
import io.schemabot.console.ConsoleAlerts;
import io.schemabot.console.ConsoleChat;
import io.schemabot.console.ConsoleNotices;
import io.schemabot.demo.DemoBackend;
import io.schemabot.health.AlertQueue;
import io.schemabot.health.Checks;
import io.schemabot.health.HealthMonitor;
import io.schemabot.health.TargetProbe;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.demo.IncidentDemo;
import io.schemabot.ops.Hotfixes;
import io.schemabot.ops.Ops;
import io.schemabot.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.io.BufferedReader;
import java.time.Clock;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The incident on an embedded PostgreSQL, in a console chat: no Slack needed.",
                "Type /schemabot help; 'as bob' switches who is typing; quit or end of input leaves;"
                        + " Ctrl-C stops a running command."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("Starting an embedded PostgreSQL with the incident's production database...");
        DatabaseUrl production = IncidentDemo.createProduction(main.embedded(), "production");
        DemoBackend backend = DemoBackend.start();
        Config config = IncidentDemo.config(production, backend.healthUrl());
        out.println("""
                Ready. production: Flyway applied V1-V2, but its keys are uuid where the migrations say varchar(36),
                admin_activities is missing, and V3 is pending. Try, in order:
                  /schemabot status production
                  /schemabot diff production
                  /schemabot preflight production
                  /schemabot hotfix production          (alice proposes; the reply names the request id)
                  as bob      then  /schemabot approve <id>
                  as carol    then  /schemabot approve <id>
                  as alice    then  /schemabot execute <id>
                  /schemabot preflight production        (V3 now applies)
                The backend's /health is watched every 2 s: 'break backend' makes it fail (the channel hears one
                alert), 'fix backend' heals it (one recovery, in the alert's thread); /schemabot health shows all.
                You are alice; 'as bob' switches user; 'quit' leaves.
                """);
        boolean interactive = System.console() != null;
        Ops ops = new Ops(main.embedded(), config.planning());
        Store store = IncidentDemo.store(main.embedded());
        Clock clock = Clock.systemUTC();
        HealthMonitor health = new HealthMonitor(config.health(), Checks.from(config, TargetProbe.over(ops), clock, store.dataSource()),
                store.dataSource(), AlertQueue.over(new ConsoleAlerts(out)), clock).start();
        ConsoleChat chat = new ConsoleChat(new CommandRouter(config, ops,
                Hotfixes.over(config, ops, store.dataSource(), clock, null), new ConsoleNotices(out), health),
                config.slack().command(), IncidentDemo.CHANNEL, "alice", interactive, Map.of(
                "break backend", () -> {
                    backend.breakIt();
                    return "(the backend's /health now answers 503; two failed checks in a row make one alert)";
                },
                "fix backend", () -> {
                    backend.fix();
                    return "(the backend's /health answers healthy again; the next check recovers it)";
                }));
        interruptCommandsOnCtrlC(chat, out);
        chat.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        return 0;
    }

    /**
     * Ctrl-C abandons the running command and gives the prompt back; at the prompt it leaves, as before. Without
     * this, Ctrl-C stopped the embedded server under the running command, which then reported "connection refused".
     */
    private static void interruptCommandsOnCtrlC(ConsoleChat chat, PrintStream out) {
        Signal.handle(new Signal("INT"), signal -> {
            if (!chat.interrupt()) {
                out.println();
                System.exit(130); // 128 + SIGINT, as a shell reports it
            }
        });
    }
}
