package chat.bench;

/**
 * A run that cannot go on, with a sentence for the user (no stack trace is shown): the server
 * refused connections, the file-descriptor limit is too low, an event loop died.
 */
final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchException(String sentence) {
        super(sentence);
    }
}
