package io.tally.localstack;

/**
 * A child process that writes numbered lines to its standard output, like a service
 * logging one line per request: arguments are the number of lines and their length.
 */
public final class Chatter {

	private Chatter() {
	}

	public static void main(String[] args) {
		int lines = Integer.parseInt(args[0]);
		int length = Integer.parseInt(args[1]);
		String padding = "x".repeat(Math.max(0, length - 14));
		StringBuilder out = new StringBuilder(64 * 1024);
		for (int i = 0; i < lines; i++) {
			out.append(String.format("line %08d ", i)).append(padding).append('\n');
			if (out.length() > 60 * 1024) {
				System.out.print(out);
				out.setLength(0);
			}
		}
		System.out.print(out);
		System.out.flush();
	}

}
