; Inno Setup 6 script: installs the one-folder bundle from dist\cluster-designer and registers
; the .cluster file type. packaging\build.py runs it when iscc.exe is on PATH:
;     iscc /DAppVersion=0.1.0 packaging\windows\cluster-designer.iss
; The version comes from pyproject.toml through build.py; the default below is for a manual run.
; Installs per user without administrator rights by default (HKA then means HKCU); an
; administrator may choose "for all users" in the first page.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Cluster Designer"
#define AppExe "cluster-designer.exe"
#define ProgId "ClusterDesigner.Project"

[Setup]
; AppId is uuid5(DNS, "io.github.clusterdesigner.ClusterDesigner"): never change it, or
; upgrades install side by side instead of replacing the old version.
AppId={{F529465B-ED6D-56B4-AA8D-F5827F3E15B3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Cluster Designer developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=cluster-designer-{#AppVersion}-windows-x64-setup
SetupIconFile=resources\icons\cluster-designer.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "association"; Description: "Open .cluster projects with {#AppName}"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\cluster-designer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The extension points at a ProgID; the ProgID says how to show and open the file. Removed on
; uninstall. "Open with" lists the program even when the association task is not chosen.
Root: HKA; Subkey: "Software\Classes\.cluster\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.cluster"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.cluster"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-cluster-designer"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".cluster"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
