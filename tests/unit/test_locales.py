from pathlib import PurePath

from sxstm.sxs.locales import locale_from_folders, normalize_locale, writes_without_spaces


def test_normalize_gives_bcp47_casing() -> None:
    assert normalize_locale("pl-pl") == "pl-PL"
    assert normalize_locale("zh_hans_cn") == "zh-Hans-CN"
    assert normalize_locale("zh-hans") == "zh-Hans"
    assert normalize_locale("not a locale") is None


def test_locale_comes_from_the_nearest_locale_folder() -> None:
    assert locale_from_folders(PurePath("/x/docs.pl-pl/docs/a.md")) == "pl-PL"
    assert locale_from_folders(PurePath("/x/Console-Docs.zh-tw/a.md")) == "zh-TW"


def test_ordinary_folder_names_are_not_locales() -> None:
    assert locale_from_folders(PurePath("/x/how-to/docs/a.md")) is None


def test_languages_without_spaces_between_words_are_told_by_their_language_subtag() -> None:
    assert all(writes_without_spaces(tag) for tag in ("ja-JP", "zh-Hant-TW", "zh_cn", "KO", "th-TH", "my"))
    assert not any(writes_without_spaces(tag) for tag in ("pl-PL", "de-de", "jv-ID", "kok-IN", ""))
