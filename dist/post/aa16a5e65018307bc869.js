module.exports = eval("require")("../../templates/init/");
