package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void plainLineIsSaid() {
        assertEquals(new Command.Say("hello /world"), Command.parse("hello /world"));
    }

    @Test
    void doubleSlashSaysTheLineWithOneSlashRemoved() {
        assertEquals(new Command.Say("/shrug ok"), Command.parse("//shrug ok"));
    }

    @Test
    void commandsAreCaseInsensitiveAndTrimmed() {
        assertEquals(new Command.Nick("ann"), Command.parse("/NICK   ann  "));
        assertEquals(new Command.Join("#dev"), Command.parse("/Join #dev"));
    }

    @Test
    void eachCommandParses() {
        assertEquals(new Command.Who(), Command.parse("/who"));
        assertEquals(new Command.Who(), Command.parse("/names"));
        assertEquals(new Command.Msg("bob", "see you  at 5"), Command.parse("/msg bob see you  at 5"));
        assertEquals(new Command.Me("waves"), Command.parse("/me waves"));
        assertEquals(new Command.Rooms(), Command.parse("/rooms"));
        assertEquals(new Command.Rooms(), Command.parse("/LIST"));
        assertEquals(new Command.Part(), Command.parse("/part"));
        assertEquals(new Command.Ping(""), Command.parse("/ping"));
        assertEquals(new Command.Ping("lag 12"), Command.parse("/PING lag 12"));
        assertEquals(new Command.Quit(""), Command.parse("/quit"));
        assertEquals(new Command.Quit("off to bed"), Command.parse("/quit off to bed"));
        assertEquals(new Command.Help(), Command.parse("/help"));
    }

    @Test
    void missingArgumentsGiveTheUsage() {
        assertEquals(new Command.Invalid("Usage: /nick NAME"), Command.parse("/nick"));
        assertEquals(new Command.Invalid("Usage: /part"), Command.parse("/part now"));
        assertEquals(new Command.Invalid("Usage: /msg NAME TEXT"), Command.parse("/msg bob"));
        assertEquals(new Command.Invalid("Usage: /me TEXT"), Command.parse("/me"));
        assertEquals(new Command.Invalid("Usage: /join ROOM"), Command.parse("/join"));
    }

    @Test
    void theSocialCommandsParseWithAndWithoutTheirOptionalArgument() {
        assertEquals(new Command.Whois("ann"), Command.parse("/WHOIS  ann "));
        assertEquals(new Command.Away("gone to lunch"), Command.parse("/away gone to lunch"));
        assertEquals(new Command.Away(""), Command.parse("/away"));
        assertEquals(new Command.Topic("release on Friday"), Command.parse("/topic release on Friday"));
        assertEquals(new Command.Topic(""), Command.parse("/topic"));
        assertEquals(new Command.Ignore("bob"), Command.parse("/ignore bob"));
        assertEquals(new Command.Ignore(""), Command.parse("/ignore"));
        assertEquals(new Command.Unignore("bob"), Command.parse("/unignore bob"));
    }

    @Test
    void theSocialCommandsMissingANameGiveTheirUsage() {
        assertEquals(new Command.Invalid("Usage: /whois NAME"), Command.parse("/whois"));
        assertEquals(new Command.Invalid("Usage: /whois NAME"), Command.parse("/whois ann bob"));
        assertEquals(new Command.Invalid("Usage: /ignore [NAME]"), Command.parse("/ignore ann bob"));
        assertEquals(new Command.Invalid("Usage: /unignore NAME"), Command.parse("/unignore"));
    }

    @Test
    void aNickWithASpaceGoesOnToBeJudgedAsAName() {
        assertEquals(new Command.Nick("two words"), Command.parse("/nick two words"));
    }

    @Test
    void eachAliasIsNamedOnItsCommandsHelpLineAndHasNoneOfItsOwn() {
        Command.Usage who = Command.USAGES.stream().filter(u -> u.name().equals("/who")).findFirst().orElseThrow();
        assertEquals("/who (also /names)", who.helpSyntax());
        Command.Usage rooms = Command.USAGES.stream().filter(u -> u.name().equals("/rooms")).findFirst().orElseThrow();
        assertEquals("/rooms (also /list)", rooms.helpSyntax());
        for (Command.Usage usage : Command.USAGES) {
            if (usage.isAlias()) {
                assertEquals(Command.parse(usage.aliasOf()), Command.parse(usage.name()), usage.name());
            }
        }
    }

    @Test
    void unknownCommandIsAnErrorNamingIt() {
        Command command = Command.parse("/dance now");
        Command.Invalid invalid = assertInstanceOf(Command.Invalid.class, command);
        assertTrue(invalid.problem().startsWith("Unknown command /dance."), invalid.problem());
    }

    @Test
    void everyCommandInTheHelpParsesToSomethingOtherThanUnknown() {
        for (Command.Usage usage : Command.USAGES) {
            Command command = Command.parse(usage.name() + " x y");
            boolean unknown = command instanceof Command.Invalid invalid && invalid.problem().startsWith("Unknown");
            assertTrue(!unknown, usage.name());
        }
    }

    @Test
    void onlyPrintableAsciiNonCommandLinesArePlainChat() {
        assertEquals(true, plain("hello, world! ~{}"));
        assertEquals(false, plain("/nick ann"), "a command");
        assertEquals(false, plain("你好"), "needs decoding");
        assertEquals(false, plain("a\u001b[2Jb"), "needs sanitising");
        assertEquals(false, plain("a\u007fb"), "DEL needs sanitising");
        assertEquals(true, plain("a /slash later is fine"));
    }

    private static boolean plain(String line) {
        byte[] bytes = ("xx" + line).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Command.isPlainChat(bytes, 2, bytes.length - 2);
    }

    @Test
    void moderationCommandsParseWithTheirOptionalParts() {
        assertEquals(new Command.Oper("root", "two words"), Command.parse("/oper root two words"));
        assertEquals(new Command.Kick("spam", ""), Command.parse("/kick spam"));
        assertEquals(new Command.Kick("spam", "go away"), Command.parse("/kick spam go away"));
        assertEquals(new Command.Ban("spam", 0, ""), Command.parse("/ban spam"));
        assertEquals(new Command.Ban("spam", 7_200_000, "selling"), Command.parse("/ban spam 2h selling"));
        assertEquals(new Command.Ban("10.0.0.0/8", 0, "from there"), Command.parse("/ban 10.0.0.0/8 from there"));
        assertEquals(new Command.Mute("loud", 600_000), Command.parse("/mute loud 10m"));
        assertEquals(new Command.Mute("loud", 0), Command.parse("/mute loud"));
        assertEquals(new Command.Unban("spam"), Command.parse("/unban spam"));
        assertEquals(new Command.Unmute("loud"), Command.parse("/unmute loud"));
        assertEquals(new Command.Bans(), Command.parse("/bans"));
        assertEquals(new Command.Announce("hello all"), Command.parse("/announce hello all"));
    }

    @Test
    void aMistypedDurationIsRefusedRatherThanTakenForAReason() {
        for (String line : new String[] {"/ban spam 10x", "/ban spam 0m", "/ban spam 400d why", "/mute loud soon"}) {
            Command.Invalid invalid = assertInstanceOf(Command.Invalid.class, Command.parse(line), line);
            assertTrue(invalid.problem().startsWith("A DURATION is a whole number"), invalid.problem());
        }
        assertEquals(new Command.Ban("spam", 0, "for 2 reasons"), Command.parse("/ban spam for 2 reasons"));
    }

    @Test
    void anOperCommandNeitherShowsItsPasswordNorRepeatsItInItsUsage() {
        Command oper = Command.parse("/oper root s3cr3t");
        assertFalse(oper.toString().contains("s3cr3t"), oper.toString());
        Command.Invalid invalid = assertInstanceOf(Command.Invalid.class, Command.parse("/oper s3cr3t"));
        assertFalse(invalid.problem().contains("s3cr3t"), invalid.problem());
    }
}
