; Inno Setup 6 script: installs the PyInstaller folder (dist\imgstudio, from `make bundle` run on
; Windows) with a Start-menu entry and an uninstaller, for the current user or for all users.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\imgstudio.iss
;   -> dist\imgstudio-0.1.0-windows-x64-setup.exe
;
; The version is imgstudio's (imgstudio\__init__.py); packaging\README.md shows how to pass it.
; Setup asks "only for me" (no administrator rights, %LOCALAPPDATA%\Programs\imgstudio) or
; "for all users" (Program Files); /CURRENTUSER or /ALLUSERS choose it on the command line.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\imgstudio.iss
#endif

#define AppName "imgstudio"
#define AppExe "imgstudio.exe"
#define BundleDir "..\..\dist\imgstudio"

[Setup]
; AppId identifies the product for upgrades and the uninstaller: never change it
AppId={{5DDFB233-D0EF-4883-AD54-C2DEBFA4473D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=imgstudio
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
; torch is large: LZMA2 over the whole folder gives the smallest installer
Compression=lzma2/max
SolidCompression=yes
LZMANumBlockThreads=4
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
; an update replaces the whole folder: close a running imgstudio first
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; files of an older version that the new one no longer has (the app folder is ours alone)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Image processing and neural networks"
Name: "{group}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\imgstudio-cli.exe"" self-test"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; settings, logs and runs live in the user's folders, not here: the app folder goes when it is empty
Type: dirifempty; Name: "{app}"
