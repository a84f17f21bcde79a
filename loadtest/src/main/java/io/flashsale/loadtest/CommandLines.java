package io.flashsale.loadtest;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.function.Consumer;

import picocli.CommandLine;

/**
 * Reads the options of {@code ./flashsale demo} and {@code ./flashsale bench} into a
 * picocli-annotated object: {@code --name=value} or {@code --name value}; an unknown
 * option, a value of the wrong type or one the check refuses is a wrong command line.
 */
public final class CommandLines {

	private CommandLines() {
	}

	/**
	 * Fills {@code options} from {@code args}.
	 * @param options the annotated options, holding the defaults
	 * @param args the command line
	 * @param check refuses a combination of values with an
	 * {@link IllegalArgumentException}
	 * @param out where {@code --help} prints the usage
	 * @param err where a wrong command line is explained
	 * @return empty to go on; else the exit code: 0 after {@code --help}, 2 for a wrong
	 * command line
	 */
	public static <T> OptionalInt parse(T options, String[] args, Consumer<T> check, PrintStream out, PrintStream err) {
		CommandLine commandLine = new CommandLine(options).setExpandAtFiles(false).setOverwrittenOptionsAllowed(true);
		try {
			commandLine.parseArgs(args);
			if (commandLine.isUsageHelpRequested()) {
				commandLine.usage(out);
				return OptionalInt.of(0);
			}
			check.accept(options);
			return OptionalInt.empty();
		}
		catch (CommandLine.ParameterException | IllegalArgumentException ex) {
			err.println(commandLine.getCommandName() + ": " + ex.getMessage());
			commandLine.usage(new PrintWriter(err, true));
			return OptionalInt.of(2);
		}
	}

}
