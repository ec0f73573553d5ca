const { src, dest } = require('gulp');

/** tsc does not copy assets: put the node and credential icons next to the compiled files. */
function buildIcons() {
	src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
	return src('credentials/**/*.{png,svg}').pipe(dest('dist/credentials'));
}

exports['build:icons'] = buildIcons;
