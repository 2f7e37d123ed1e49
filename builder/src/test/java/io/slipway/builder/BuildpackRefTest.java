package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.builder.BuildpackRef.App;
import io.slipway.builder.BuildpackRef.Bundled;
import io.slipway.builder.BuildpackRef.Git;
import io.slipway.core.AppName;
import io.slipway.core.BuildFailedException;
import io.slipway.core.InvalidInputException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildpackRefTest {

    private static final Set<String> BUNDLED = Set.of("slipway/nodejs", "slipway/python", "slipway/procfile");

    private static BuildpackRef parse(String text) {
        return BuildpackRef.parse(text, BUNDLED);
    }

    @Test
    void parseWhenTextIsABundledIdGivesThatBuildpack() {
        assertThat(parse("slipway/python")).isEqualTo(new Bundled("slipway/python", "slipway/python"));
    }

    @Test
    void parseWhenTextIsAShortNameAddsTheSlipwayPrefix() {
        assertThat(parse("nodejs")).isEqualTo(new Bundled("nodejs", "slipway/nodejs"));
    }

    @Test
    void parseStripsSurroundingWhitespace() {
        assertThat(parse("  nodejs \n")).isEqualTo(new Bundled("nodejs", "slipway/nodejs"));
    }

    @Test
    void parseWhenTextIsAHerokuOrPaketoNameGivesTheBundledEquivalent() {
        assertThat(parse("heroku/nodejs")).isEqualTo(new Bundled("heroku/nodejs", "slipway/nodejs"));
        assertThat(parse("Heroku/Python")).isEqualTo(new Bundled("Heroku/Python", "slipway/python"));
        assertThat(parse("paketo-buildpacks/nodejs")).isEqualTo(new Bundled("paketo-buildpacks/nodejs", "slipway/nodejs"));
    }

    @Test
    void parseWhenAnAliasPointsAtABuildpackThatIsNotBundledRefuses() {
        assertThatThrownBy(() -> parse("heroku/java"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("unknown buildpack 'heroku/java'");
    }

    @Test
    void parseWhenTextIsAGitUrlWithoutRefGivesTheUrlAndAnEmptyRef() {
        assertThat(parse("https://github.com/acme/buildpack-thing.git"))
                .isEqualTo(new Git("https://github.com/acme/buildpack-thing.git",
                        "https://github.com/acme/buildpack-thing.git", "", ""));
    }

    @Test
    void parseWhenGitUrlHasARefSplitsItOff() {
        assertThat(parse("https://github.com/acme/buildpack-thing.git#v1.2.3"))
                .isEqualTo(new Git("https://github.com/acme/buildpack-thing.git#v1.2.3",
                        "https://github.com/acme/buildpack-thing.git", "v1.2.3", ""));
        assertThat(parse("https://example.com/bp#feature/new-thing_2"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.ref()).isEqualTo("feature/new-thing_2"));
    }

    @Test
    void parseWhenGitRefHasCharactersOutsideRefNamesRefuses() {
        for (String ref : new String[] {"v1;rm -rf /", "$(id)", "a b", "--upload-pack=touch x", "x`y`"}) {
            assertThatThrownBy(() -> parse("https://github.com/acme/bp.git#" + ref))
                    .as(ref)
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("the ref after '#' is not a branch, tag or commit");
        }
    }

    @Test
    void parseWhenGitRefStartsWithADashRefuses() {
        assertThatThrownBy(() -> parse("https://github.com/acme/bp.git#--orphan"))
                .isInstanceOf(BuildFailedException.class);
        assertThatThrownBy(() -> parse("https://github.com/acme/bp.git#-f"))
                .isInstanceOf(BuildFailedException.class);
    }

    @Test
    void parseWhenTextIsAnScpStyleGitUrlGivesAGitRef() {
        assertThat(parse("git@github.com:acme/bp.git")).isEqualTo(
                new Git("git@github.com:acme/bp.git", "git@github.com:acme/bp.git", "", ""));
        assertThat(parse("git@gitlab.example.com:acme/bp.git#main"))
                .isInstanceOfSatisfying(Git.class, git -> {
                    assertThat(git.url()).isEqualTo("git@gitlab.example.com:acme/bp.git");
                    assertThat(git.ref()).isEqualTo("main");
                });
    }

    @Test
    void parseWhenTextNamesAnAppGivesAnAppRef() {
        assertThat(parse("app:my-buildpack")).isEqualTo(new App("app:my-buildpack", AppName.of("my-buildpack")));
    }

    @Test
    void parseWhenAppNameIsInvalidRefuses() {
        assertThatThrownBy(() -> parse("app:../etc")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> parse("app:")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> parse("app:Upper")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void parseWhenUrlIsAnOfficialHerokuBuildpackThatIsBundledFallsBackToIt() {
        assertThat(parse("https://github.com/heroku/heroku-buildpack-python"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEqualTo("slipway/python"));
        assertThat(parse("https://github.com/heroku/heroku-buildpack-nodejs.git#v200"))
                .isInstanceOfSatisfying(Git.class, git -> {
                    assertThat(git.bundledFallback()).isEqualTo("slipway/nodejs");
                    assertThat(git.url()).isEqualTo("https://github.com/heroku/heroku-buildpack-nodejs.git");
                    assertThat(git.ref()).isEqualTo("v200");
                });
        assertThat(parse("https://github.com/heroku/heroku-buildpack-python/"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEqualTo("slipway/python"));
    }

    @Test
    void parseWhenUrlIsScalingosForkOfABundledBuildpackFallsBackToIt() {
        assertThat(parse("https://github.com/Scalingo/nodejs-buildpack"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEqualTo("slipway/nodejs"));
        assertThat(parse("https://github.com/scalingo/python-buildpack.git"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEqualTo("slipway/python"));
        assertThat(parse("https://github.com/Scalingo/ruby-buildpack"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEmpty());
    }

    @Test
    void parseWhenCloudFoundrysNameOrUrlOfABundledBuildpackIsGivenUsesIt() {
        assertThat(parse("nodejs_buildpack")).isEqualTo(new Bundled("nodejs_buildpack", "slipway/nodejs"));
        assertThat(parse("https://github.com/cloudfoundry/python-buildpack.git"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEqualTo("slipway/python"));
    }

    @Test
    void parseWhenUrlIsAnOfficialHerokuBuildpackThatIsNotBundledHasNoFallback() {
        assertThat(parse("https://github.com/heroku/heroku-buildpack-ruby"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEmpty());
    }

    @Test
    void parseWhenUrlIsNotAnOfficialHerokuBuildpackHasNoFallback() {
        assertThat(parse("https://github.com/someone/heroku-buildpack-python"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEmpty());
        assertThat(parse("https://github.com/heroku/heroku-buildpack-python-extras.git"))
                .isInstanceOfSatisfying(Git.class, git -> assertThat(git.bundledFallback()).isEmpty());
    }

    @Test
    void parseWhenNameIsUnknownRefusesListingTheBundledIds() {
        assertThatThrownBy(() -> parse("cobol"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("unknown buildpack 'cobol'")
                .hasMessageContaining("slipway/nodejs")
                .hasMessageContaining("slipway/python")
                .hasMessageContaining("slipway/procfile")
                .satisfies(e -> assertThat(((BuildFailedException) e).phase()).isEqualTo("detect"));
    }
}
