# A source that is a link to a file outside the project.
MESSAGE='src/passwd\.md: symbolic link points outside the source folder'
prepare() { printf '# A\n' >src/a.md; ln -s /etc/passwd src/passwd.md; }
