package chat.server.moderation;

import java.util.List;

/**
 * What the command line says about moderation, read at start: who the operators are
 * ({@code --operators}) and the message of the day ({@code --motd}), its lines.
 */
public record ModerationSettings(Operators operators, List<String> motd) {

    /** No operators, no message of the day. */
    public static final ModerationSettings NONE = new ModerationSettings(Operators.NONE, List.of());

    public ModerationSettings {
        motd = List.copyOf(motd);
    }
}
