<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that PySide6's qtbase_fr.qm leaves in English: Qt 6 added mnemonics to these
     labels of the file dialog ("&Look in:", "Files of &type:") and the French catalogue still has only
     the old sources ("Look in:", "Files of type:"). Loaded after qtbase_fr (ui/app.py), so it wins.
     tests/ui/test_qt_dialogs_french.py finds any other such string. -->
<TS version="2.1" language="fr_FR">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans&#xa0;:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type&#xa0;:</translation>
    </message>
</context>
</TS>
